{% macro tenant_setting(key) %}
  {#- The tenant is the dbt target: the name that picks the database also picks the settings. -#}
  {%- set tenant = target.name -%}
  {%- set settings = var('tenant_settings') -%}
  {%- if var('tenant', tenant) != tenant -%}
    {{ exceptions.raise_compiler_error("--vars tenant=" ~ var('tenant') ~ " contradicts --target " ~ tenant) }}
  {%- endif -%}
  {%- if tenant not in settings -%}
    {{ exceptions.raise_compiler_error("unknown tenant " ~ tenant ~ "; known: " ~ (settings | list | sort | join(', '))) }}
  {%- endif -%}
  {%- if key not in settings[tenant] -%}
    {{ exceptions.raise_compiler_error("tenant " ~ tenant ~ " has no setting " ~ key) }}
  {%- endif -%}
  {{ return(settings[tenant][key]) }}
{% endmacro %}
