-- Copied from fct_orders for tenant_b's loyalty programme.
{{ config(enabled=target.name == 'tenant_b') }}

select
    o.order_id,
    o.customer_id,
    s.status,
    s.is_revenue,
    o.amount as net_amount,
    cast(floor(o.amount) as integer) as loyalty_points
from {{ source('raw', 'orders') }} as o
join {{ ref('status_map') }} as s using (status_code)
