-- The feed re-sends an order whenever it changes: keep the latest version.
select
    order_id,
    customer_id,
    status_code,
    amount,
    updated_at
from {{ source('raw', 'orders') }}
qualify row_number() over (partition by order_id order by updated_at desc) = 1
