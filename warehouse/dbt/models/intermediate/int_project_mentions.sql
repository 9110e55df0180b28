-- Project mentions with their project key, kept per document: the key is a regular expression over the
-- name, computed once per mention rather than for every mention at every refresh.
{{ config(materialized='table', meta={'jingji_scope': {'inputs': ['doc_id']}}) }}

with

projects as (

    select * from {{ ref('stg_projects') }}
    where {{ input_in_scope('doc_id') }}

)

select * from projects
