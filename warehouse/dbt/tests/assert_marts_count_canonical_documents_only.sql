-- A republished story must not count twice: no mart row may rest on a near-duplicate copy.

with

links as (

    select * from {{ ref('stg_document_links') }}

),

used as (

    select 'region_indicator_timeseries' as mart, doc_id from {{ ref('region_indicator_timeseries') }}
    union all
    select 'project_pipeline', latest_doc_id from {{ ref('project_pipeline') }}
    union all
    select 'project_pipeline', first_doc_id from {{ ref('project_pipeline') }}

)

select used.mart, used.doc_id, links.canonical_doc_id
from used
inner join links on links.doc_id = used.doc_id
