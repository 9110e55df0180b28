-- The projects of project_pipeline that the scope's documents name.

with

scope_inputs as (

    select * from {{ ref('scope_inputs') }}

),

mentions as (

    select * from {{ ref('int_project_mentions') }}

),

final as (

    select distinct project_key
    from mentions
    where doc_id in (select doc_id from scope_inputs)

)

select * from final
