{#- Rows for which a SQL expression over the model's columns is false (a null result passes). -#}
{% test expression_is_true(model, expression) %}

select *
from {{ model }}
where not ({{ expression }})

{% endtest %}
