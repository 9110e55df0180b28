-- A republished story must not count twice: no mart row may rest on a near-duplicate copy.
-- Checked for the mart rows in scope (all of them in a full build): a document that became a copy is
-- in scope, and so are the rows it stated.

with

links as (

    select * from {{ ref('stg_document_links') }}

),

timeseries as (

    select * from {{ in_scope(ref('region_indicator_timeseries')) }} as timeseries

),

pipeline as (

    select * from {{ in_scope(ref('project_pipeline')) }} as pipeline

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
