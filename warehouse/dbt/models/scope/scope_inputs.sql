-- The inputs a refresh recomputes: those in model_scope, or every input when model_scope is empty (a full build).
{{ config(materialized='view') }}

with

model_scope as (

    select * from {{ source('replay', 'model_scope') }}

),

documents as (

    select * from {{ ref('stg_documents') }}

),

quarantine as (

    select * from {{ ref('stg_quarantine') }}

),

final as (

    select doc_id from model_scope

    union all

    select doc_id from documents
    where not exists (select 1 from model_scope)

    union all

    select quarantine_id as doc_id from quarantine
    where not exists (select 1 from model_scope)

)

select * from final
