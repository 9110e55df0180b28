-- The month × region groups of keyword_trends that the scope's documents fall in.

with

scope_inputs as (

    select * from {{ ref('scope_inputs') }}

),

documents as (

    select * from {{ ref('int_documents') }}

),

final as (

    select distinct published_month as month, main_region as region
    from documents
    where doc_id in (select doc_id from scope_inputs) and published_month is not null

)

select * from final
