-- How often each keyword appears, by month of publication and by the region an article is about.
-- Recomputed per month and region: a refresh recomputes the groups in scope only (macros/scope.sql).
{{ config(meta={'jingji_scope': {'keys': 'scope_keyword_groups', 'columns': ['month', 'region']}}) }}

with

scope as (

    select * from {{ ref('scope_keyword_groups') }}

),

documents as (

    select * from {{ ref('int_documents') }}

),

counted_documents as (

    -- dated, canonical copies only: a republished story is one story; the month and region groups in scope
    select documents.*
    from documents
    semi join scope
        on scope.month = documents.published_month
        and scope.region is not distinct from documents.main_region
    where not documents.is_near_duplicate and documents.published_month is not null

),

keyword_documents as (

    select doc_id, published_month, main_region, unnest(list_distinct(keywords)) as keyword
    from counted_documents

),

month_region_documents as (

    select published_month, main_region, count(*) as documents_in_month_region
    from counted_documents
    group by published_month, main_region

),

counts as (

    select published_month, main_region, keyword, count(*) as n_documents
    from keyword_documents
    where keyword is not null and trim(keyword) <> ''
    group by published_month, main_region, keyword

),

final as (

    select
        counts.published_month as month,
        counts.main_region as region,
        counts.keyword,
        counts.n_documents,
        month_region_documents.documents_in_month_region,
        round(counts.n_documents / month_region_documents.documents_in_month_region, 3) as share_of_documents,
        rank() over (
            partition by counts.published_month, counts.main_region
            order by counts.n_documents desc
        ) as rank_in_month_region

    from counts
    inner join month_region_documents
        on month_region_documents.published_month = counts.published_month
        and month_region_documents.main_region is not distinct from counts.main_region

)

select * from final
