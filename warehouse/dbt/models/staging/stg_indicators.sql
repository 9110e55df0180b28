with

source as (

    select * from {{ source('warehouse', 'indicators') }}

),

renamed as (

    select
        -- ids
        doc_id,

        -- what, where, when
        indicator,
        region,
        period_start,
        period_end,

        -- the figure
        value,
        unit,
        value_base,
        yoy_pct,
        qualifier,
        industry,

        -- where it was read
        evidence,
        char_start,
        char_end

    from source

)

select * from renamed
