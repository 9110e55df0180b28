{#-
  Rows whose value lies outside [min_value, max_value]; nulls pass.
  e.g. yoy_pct within (-100, 1000]: a figure cannot fall by more than all of it, and a growth
  above +1000 % in these reports is a misread number far more often than a real one.
-#}
{% test value_between(model, column_name, min_value, max_value) %}

select *
from {{ model }}
where {{ column_name }} < {{ min_value }} or {{ column_name }} > {{ max_value }}

{% endtest %}
