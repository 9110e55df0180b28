-- The region × indicator × industry × period keys of region_indicator_timeseries that the scope's documents state.

select distinct region, indicator, industry, period_start, period_end
from {{ ref('stg_indicators') }}
where {{ input_in_scope('doc_id') }}
