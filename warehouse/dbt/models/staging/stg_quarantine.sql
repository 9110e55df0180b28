with

source as (

    select * from {{ source('warehouse', 'quarantine') }}

),

renamed as (

    select
        sha256 as quarantine_id,
        source_path,
        reason,
        detail,
        size_bytes,
        received_at

    from source

)

select * from renamed
