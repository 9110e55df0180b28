-- Input quality per source outlet and per encoding: what arrived, what had to be repaired or flagged,
-- what could not be loaded.
-- Recomputed per outlet and encoding: a refresh recomputes the ones in scope only (macros/scope.sql).
{{ config(meta={'jingji_scope': {'keys': 'scope_source_quality', 'columns': ['dimension', 'dimension_value']}}) }}

with

scope as (

    select * from {{ ref('scope_source_quality') }}

),

documents as (

    select * from {{ ref('int_documents') }}

),

quarantine as (

    select * from {{ ref('stg_quarantine') }}

),

inputs as (

    -- one row per input; a quarantined file has neither outlet nor encoding
    select
        coalesce(source_name, '(unknown)') as source_name,
        encoding,
        doc_id,
        is_near_duplicate,
        encoding_confidence,
        repairs,
        flags,
        null as quarantine_reason
    from documents

    union all

    select
        '(unknown)' as source_name,
        '(not decoded)' as encoding,
        null as doc_id,
        false as is_near_duplicate,
        null as encoding_confidence,
        [] as repairs,
        [] as flags,
        reason as quarantine_reason
    from quarantine

),

all_dimensions as (

    select 'source_name' as dimension, source_name as dimension_value, * exclude (source_name, encoding)
    from inputs

    union all

    select 'encoding' as dimension, encoding as dimension_value, * exclude (source_name, encoding)
    from inputs

),

by_dimension as (

    -- the outlets and encodings in scope
    select all_dimensions.*
    from all_dimensions
    semi join scope
        on scope.dimension = all_dimensions.dimension
        and scope.dimension_value is not distinct from all_dimensions.dimension_value

),

counted as (

    -- copies of a story already counted are shown as near_duplicates, not counted again
    select
        *,
        doc_id is not null and not is_near_duplicate as is_counted
    from by_dimension

),

tags as (

    select dimension, dimension_value, 'repair' as kind, unnest(repairs) as tag
    from counted where is_counted

    union all

    select dimension, dimension_value, 'flag' as kind, unnest(flags) as tag
    from counted where is_counted

    union all

    select dimension, dimension_value, 'quarantine' as kind, quarantine_reason as tag
    from counted where quarantine_reason is not null

),

tag_counts as (

    select
        dimension,
        dimension_value,
        histogram(tag) filter (where kind = 'repair') as repair_counts,
        histogram(tag) filter (where kind = 'flag') as flag_counts,
        histogram(tag) filter (where kind = 'quarantine') as quarantine_reasons
    from tags
    group by dimension, dimension_value

),

totals as (

    select
        dimension,
        dimension_value,
        count(*) filter (where is_counted) as documents,
        count(*) filter (where is_near_duplicate) as near_duplicates,
        count(*) filter (where is_counted and len(repairs) > 0) as documents_repaired,
        coalesce(sum(len(repairs)) filter (where is_counted), 0) as repairs,
        count(*) filter (where is_counted and len(flags) > 0) as documents_flagged,
        coalesce(sum(len(flags)) filter (where is_counted), 0) as flags,
        count(*) filter (where quarantine_reason is not null) as quarantines,
        round(avg(encoding_confidence) filter (where is_counted), 3) as mean_encoding_confidence
    from counted
    group by dimension, dimension_value

),

final as (

    select
        totals.dimension,
        totals.dimension_value,
        totals.documents,
        totals.near_duplicates,
        totals.quarantines,
        totals.documents_repaired,
        totals.repairs,
        round(totals.documents_repaired / nullif(totals.documents, 0), 3) as share_repaired,
        totals.documents_flagged,
        totals.flags,
        totals.mean_encoding_confidence,
        tag_counts.repair_counts,
        tag_counts.flag_counts,
        tag_counts.quarantine_reasons

    from totals
    left join tag_counts
        on tag_counts.dimension = totals.dimension
        and tag_counts.dimension_value = totals.dimension_value

)

select * from final
