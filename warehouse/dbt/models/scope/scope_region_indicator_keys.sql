-- The region × indicator × industry × period keys of region_indicator_timeseries that the scope's documents state.

with

scope_inputs as (

    select * from {{ ref('scope_inputs') }}

),

indicators as (

    select * from {{ ref('stg_indicators') }}

),

final as (

    select distinct region, indicator, industry, period_start, period_end
    from indicators
    where doc_id in (select doc_id from scope_inputs)

)

select * from final
