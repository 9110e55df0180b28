{#-
  Incremental refresh (see warehouse/models.py): a loading run recomputes only what its documents touch.

  `staging.model_scope` (written by warehouse.models, a dbt source) lists the inputs — doc_id, or a
  quarantined file's sha256 — whose rows or near-duplicate links changed since the marts were last
  refreshed. Empty means every input: that is its state at rest, so a `dbt build` always builds and
  tests everything. A model or source declares which of its rows belong to the scope with
  `config.meta.jingji_scope`:
    {inputs: [doc_id, …]}                       rows of these inputs (any of the columns)
    {keys: <scope model>, columns: [a, b, …]}   rows whose key is in that model (nulls match nulls)
  A table model without it is re-created whole at every refresh: correct, only not incremental — unless
  it reads a model of models/scope/ (which are re-created whole, holding the scope's keys): then it must
  declare its scope, else a refresh would keep only those keys (warehouse.models then saves no plan).
  The scope models are tables: after a replay they hold its keys, so `dbt test` alone then checks the
  marts' rows of those keys; `dbt build` re-creates them (every key) before the marts.
-#}

{#- The recency of a document: latest publication wins; undated articles count as the oldest, then
    received_at and doc_id break ties, so every build picks the same row. A value of the document
    alone (a global row number would change for every document when one older article arrives). -#}
{% macro recency_key(alias) -%}
    {'published_at': coalesce({{ alias }}.published_at, '-infinity'::timestamp),
     'received_at': coalesce({{ alias }}.received_at, '-infinity'::timestamp),
     'doc_id': {{ alias }}.doc_id}
{%- endmacro %}

{#- True when `column` (a doc_id, or a quarantined file's sha256) names an input in scope: the filter of the
    per-input tables and of the scope models, which list the keys those inputs touch. An IN on the few
    inputs in scope (every input in a full build), which DuckDB hashes once. -#}
{% macro input_in_scope(column) -%}
    {{ column }} in (select doc_id from {{ ref('scope_inputs') }})
{%- endmacro %}

{#- The rows of `relation` in scope, given its `jingji_scope` meta, as a subquery. A semi join or IN, not a
    correlated EXISTS (decorrelated into a far costlier delim join), so DuckDB hashes the few keys in scope
    and probes the rows. -#}
{% macro rows_in_scope(relation, scope) -%}
    {%- if scope.get('inputs') -%}
        {%- set model_scope = scope_source_relation('replay', 'model_scope') -%}
        {%- set every_input = 'not exists (select 1 from ' ~ model_scope ~ ')' -%}
        {%- set inputs -%}
            (select doc_id from {{ model_scope }}
             union all select doc_id from {{ scope_source_relation('warehouse', 'documents') }} where {{ every_input }}
             union all select sha256 from {{ scope_source_relation('warehouse', 'quarantine') }} where {{ every_input }})
        {%- endset -%}
        (select * from {{ relation }} as tested
         where {% for column in scope['inputs'] -%}
            tested.{{ column }} in {{ inputs }}{{ ' or ' if not loop.last }}
         {%- endfor %})
    {%- elif scope.get('keys') -%}
        (select tested.* from {{ relation }} as tested
         semi join {{ scope_relation(scope['keys']) }} as scope
            on {% for column in scope['columns'] -%}
                scope.{{ column }} is not distinct from tested.{{ column }}{{ ' and ' if not loop.last }}
            {%- endfor %})
    {%- else -%}
        {{ relation }}
    {%- endif -%}
{%- endmacro %}

{#- The rows of a model or source in scope by its own `jingji_scope` (see rows_in_scope), as a subquery: what
    the singular tests check. Every row while dbt parses (no graph yet). -#}
{% macro in_scope(relation) -%}
    {{ rows_in_scope(relation, scope_of(relation) if execute else {}) }}
{%- endmacro %}

{#- The relation of a scope model by name (not ref(): tests name it at run time only). -#}
{% macro scope_relation(name) -%}
    {%- for node in graph.nodes.values() if node.resource_type == 'model' and node.name == name -%}
        {{ node.relation_name }}
    {%- endfor -%}
{%- endmacro %}

{#- A source's relation by name (from the graph: a test does not declare these sources). -#}
{% macro scope_source_relation(source_name, table_name) -%}
    {%- for node in graph.sources.values() if node.source_name == source_name and node.name == table_name -%}
        {{ node.relation_name }}
    {%- endfor -%}
{%- endmacro %}

{#- The `jingji_scope` meta of the model, seed or source behind a relation; empty when none. -#}
{% macro scope_of(relation) -%}
    {%- set found = {} -%}
    {%- for node in graph.nodes.values() | list + graph.sources.values() | list -%}
        {%- set identifier = node.get('alias') or node.get('identifier') or node.name -%}
        {%- if identifier | lower == relation.identifier | lower and node.schema | lower == relation.schema | lower -%}
            {%- set meta = dict(node.get('meta') or {}, **(node.config.get('meta') or {})) -%}
            {%- do found.update(meta.get('jingji_scope') or {}) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- do return(found) -%}
{%- endmacro %}

{#-
  dbt's hook for the `where` config of generic tests, overridden so that every generic test checks the
  rows in scope: all of them in a `dbt build`, the touched ones in a loading run's replay — the cost of
  the tests then follows the new documents, not the warehouse. A test's own `where` still applies.
-#}
{% macro get_where_subquery(relation) -%}
    {%- set where = config.get('where', '') -%}
    {%- set scope = scope_of(relation) if execute else {} -%}
    {%- if where or scope -%}
        {%- set filtered -%}
            (select * from {{ rows_in_scope(relation, scope) }} as in_scope
             {%- if where %} where {{ where }}{% endif %}) dbt_subquery
        {%- endset -%}
        {%- do return(filtered) -%}
    {%- endif -%}
    {%- do return(relation) -%}
{%- endmacro %}
