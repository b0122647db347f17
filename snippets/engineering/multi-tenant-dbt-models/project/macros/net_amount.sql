{% macro net_amount(column) -%}
  {%- if tenant_setting('prices_include_tax') -%}
    round({{ column }} / (1 + {{ tenant_setting('tax_rate') }}), 2)
  {%- else -%}
    {{ column }}
  {%- endif -%}
{%- endmacro %}
