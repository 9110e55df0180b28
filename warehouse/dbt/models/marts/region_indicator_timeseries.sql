-- One figure per region × indicator × industry × period, whichever articles reported it.
-- Recomputed per key: a refresh recomputes the keys in scope only (macros/scope.sql).
{{ config(meta={'jingji_scope': {
    'keys': 'scope_region_indicator_keys',
    'columns': ['region', 'indicator', 'industry', 'period_start', 'period_end'],
}}) }}

with

scope as (

    select * from {{ ref('scope_region_indicator_keys') }}

),

indicators as (

    -- every figure of the keys in scope, whichever document stated it; `=` where facts need a value
    -- (DuckDB then filters the scan itself by the keys in scope), null-safe where they do not
    select indicators.*
    from {{ ref('stg_indicators') }} as indicators
    semi join scope
        on scope.region = indicators.region
        and scope.period_start = indicators.period_start
        and scope.period_end = indicators.period_end
        and scope.indicator is not distinct from indicators.indicator
        and scope.industry is not distinct from indicators.industry

),

documents as (

    select * from {{ ref('int_documents') }}

),

vocabulary as (

    select * from {{ ref('indicator_vocabulary') }}

),

facts as (

    -- chartable figures: placed and dated, stated as an outcome (plans and targets are not),
    -- from the canonical copy of each story
    select
        indicators.*,
        documents.published_at,
        {{ recency_key('documents') }} as recency_key
    from indicators
    inner join documents on documents.doc_id = indicators.doc_id
    where not documents.is_near_duplicate
        and indicators.region is not null
        and indicators.period_start is not null
        and indicators.period_end is not null
        and (indicators.value is not null or indicators.yoy_pct is not null)
        and coalesce(indicators.qualifier, '') not in ('plan', 'target')

),

sources as (

    select
        region,
        indicator,
        industry,
        period_start,
        period_end,
        count(distinct doc_id) as n_sources,
        count(distinct round(value_base, 2)) as n_values,
        count(distinct yoy_pct) as n_yoy_values

    from facts
    group by region, indicator, industry, period_start, period_end

),

latest as (

    -- the latest publication wins; within one article a figure with a value before a bare growth rate;
    -- two figures in one sentence are ordered by value only so that every build picks the same one
    select *
    from facts
    qualify row_number() over (
        partition by region, indicator, industry, period_start, period_end
        order by recency_key desc, (value is null), char_start, value_base, yoy_pct
    ) = 1

),

final as (

    select
        latest.region,
        latest.indicator,
        vocabulary.name_zh as indicator_name,
        latest.industry,
        latest.period_start,
        latest.period_end,
        datediff('month', latest.period_start, latest.period_end + interval 1 day) as period_months,
        latest.value,
        latest.unit,
        latest.value_base,
        latest.yoy_pct,
        latest.qualifier,
        sources.n_sources,
        sources.n_values > 1 or sources.n_yoy_values > 1 as sources_disagree,
        latest.doc_id,
        latest.published_at,
        latest.evidence

    from latest
    inner join sources
        on sources.region = latest.region
        and sources.indicator = latest.indicator
        and sources.industry is not distinct from latest.industry
        and sources.period_start = latest.period_start
        and sources.period_end = latest.period_end
    left join vocabulary on vocabulary.code = latest.indicator

)

select * from final
