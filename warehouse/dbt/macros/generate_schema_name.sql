{#-
  Use a model's custom schema as written (`staging`), not dbt's default `<target>_<custom>`
  (`main_staging`): marts land in `main`, the default schema every DuckDB client sees.
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
