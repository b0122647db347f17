-- A tenant extension: it builds ON the shared model, it does not copy it.
{{ config(enabled=tenant_setting('loyalty_program')) }}

select
    customer_id,
    sum(net_amount) as net_amount,  -- the revenue the points were earned on
    cast(sum(floor(net_amount)) as integer) as points
from {{ ref('fct_orders') }}
where is_revenue
group by customer_id
