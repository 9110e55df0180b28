-- A republished story must not count twice: no mart row may rest on a near-duplicate copy.
-- Checked for the mart rows in scope (all of them in a full build): a document that became a copy is
-- in scope, and so are the rows it stated.

with

links as (

    select * from {{ ref('stg_document_links') }}

),

timeseries as (

    select timeseries.*
    from {{ ref('region_indicator_timeseries') }} as timeseries
    semi join {{ ref('scope_region_indicator_keys') }} as scope
        on scope.region is not distinct from timeseries.region
        and scope.indicator is not distinct from timeseries.indicator
        and scope.industry is not distinct from timeseries.industry
        and scope.period_start is not distinct from timeseries.period_start
        and scope.period_end is not distinct from timeseries.period_end

),

pipeline as (

    select * from {{ ref('project_pipeline') }}
    where project_key in (select project_key from {{ ref('scope_project_keys') }})

),

used as (

    select 'region_indicator_timeseries' as mart, doc_id from timeseries
    union all
    select 'project_pipeline', latest_doc_id from pipeline
    union all
    select 'project_pipeline', first_doc_id from pipeline

)

select used.mart, used.doc_id, links.canonical_doc_id
from used
inner join links on links.doc_id = used.doc_id
