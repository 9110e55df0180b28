-- Documents as the marts count them: which story each belongs to, where it is about, when it appeared.
-- A table kept per document: a refresh recomputes the documents in scope only (macros/scope.sql).
{{ config(materialized='table', meta={'jingji_scope': {'inputs': ['doc_id']}}) }}

with

documents as (

    select * from {{ ref('stg_documents') }}
    where {{ input_in_scope('doc_id') }}

),

links as (

    select * from {{ ref('stg_document_links') }}

),

indicators as (

    select * from {{ ref('stg_indicators') }}
    where {{ input_in_scope('doc_id') }}

),

projects as (

    select * from {{ ref('stg_projects') }}
    where {{ input_in_scope('doc_id') }}

),

region_mentions as (

    -- figures say most reliably which place an article is about; projects are the fallback
    select doc_id, region, 1 as source_order, count(*) as mentions, min(char_start) as first_at
    from indicators
    where region is not null
    group by doc_id, region

    union all

    select doc_id, region, 2 as source_order, count(*) as mentions, min(char_start) as first_at
    from projects
    where region is not null
    group by doc_id, region

),

main_regions as (

    select doc_id, region
    from region_mentions
    qualify row_number() over (
        partition by doc_id
        order by source_order, mentions desc, first_at nulls last, region
    ) = 1

),

final as (

    select
        documents.doc_id,
        coalesce(links.canonical_doc_id, documents.doc_id) as canonical_doc_id,
        links.doc_id is not null as is_near_duplicate,
        links.similarity as duplicate_similarity,
        documents.source_path,
        documents.source_name,
        documents.encoding,
        documents.encoding_confidence,
        documents.script,
        documents.title,
        documents.published_at,
        cast(date_trunc('month', documents.published_at) as date) as published_month,
        documents.received_at,
        main_regions.region as main_region,
        documents.keywords,
        documents.repairs,
        documents.flags
    from documents
    left join links on links.doc_id = documents.doc_id
    left join main_regions on main_regions.doc_id = documents.doc_id

)

select * from final
