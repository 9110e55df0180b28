-- Project mentions with their project key, kept per document: the key is a regular expression over the
-- name, computed once per mention rather than for every mention at every refresh.
{{ config(materialized='table', meta={'jingji_scope': {'inputs': ['doc_id']}}) }}

with

scope_inputs as (

    select * from {{ ref('scope_inputs') }}

),

projects as (

    select * from {{ ref('stg_projects') }}
    where doc_id in (select doc_id from scope_inputs)

)

select * from projects
