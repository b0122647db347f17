select
    o.order_id,
    o.customer_id,
    s.status,
    s.is_revenue,
    {{ net_amount('o.amount') }} as net_amount
from {{ ref('stg_orders') }} as o
join {{ ref('status_map') }} as s using (status_code)
