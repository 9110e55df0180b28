-- One row per investment project, followed across the articles that name it.
-- Recomputed per project: a refresh recomputes the projects in scope only (macros/scope.sql).
{{ config(meta={'jingji_scope': {'keys': 'scope_project_keys', 'columns': ['project_key']}}) }}

with

scope as (

    select * from {{ ref('scope_project_keys') }}

),

projects as (

    -- every mention of the projects in scope, whichever document named them
    select * from {{ ref('int_project_mentions') }}
    where project_key in (select project_key from scope)

),

documents as (

    select * from {{ ref('int_documents') }}

),

mentions as (

    select
        projects.*,
        documents.published_at,
        {{ recency_key('documents') }} as recency_key,
        case projects.status
            when 'planned' then 1
            when 'signed' then 2
            when 'started' then 3
            when 'under_construction' then 4
            when 'completed' then 5
            when 'operating' then 6
        end as status_stage
    from projects
    inner join documents on documents.doc_id = projects.doc_id
    where not documents.is_near_duplicate

),

articles as (

    -- an article naming a project twice reports it once: its furthest status, largest investment
    select
        project_key,
        doc_id,
        published_at,
        recency_key,
        arg_min(project_name, char_start) as project_name,
        arg_min(company, char_start) as company,
        arg_min(region, char_start) as region,
        max(investment_base) as investment_base,
        arg_min(capacity, char_start) as capacity,
        arg_max(status, status_stage) as status,
        max(status_stage) as status_stage

    from mentions
    group by project_key, doc_id, published_at, recency_key

),

final as (

    select
        project_key,
        arg_max(project_name, recency_key) as project_name,
        arg_max(company, recency_key) as company,
        arg_max(region, recency_key) as region,
        arg_max(investment_base, recency_key) as investment_base,
        arg_max(capacity, recency_key) as capacity,
        arg_max(status, recency_key) as status,
        arg_max(status, status_stage) as furthest_status,
        list(
            {'status': status, 'published_at': published_at, 'doc_id': doc_id}
            order by recency_key
        ) filter (where status is not null) as status_history,
        count(*) as n_articles,
        min(published_at) as first_published_at,
        max(published_at) as last_published_at,
        arg_min(doc_id, recency_key) as first_doc_id,
        arg_max(doc_id, recency_key) as latest_doc_id

    from articles
    group by project_key

)

select * from final
