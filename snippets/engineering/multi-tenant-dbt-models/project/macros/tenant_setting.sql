{% macro tenant_setting(key) %}
  {%- set tenant = var('tenant') -%}
  {%- set settings = var('tenant_settings') -%}
  {%- if tenant not in settings -%}
    {{ exceptions.raise_compiler_error("unknown tenant " ~ tenant ~ "; known: " ~ (settings | list | sort | join(', '))) }}
  {%- endif -%}
  {%- if key not in settings[tenant] -%}
    {{ exceptions.raise_compiler_error("tenant " ~ tenant ~ " has no setting " ~ key) }}
  {%- endif -%}
  {{ return(settings[tenant][key]) }}
{% endmacro %}
