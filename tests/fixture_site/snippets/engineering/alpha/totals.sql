-- --8<-- [start:totals]
select customer, sum(amount) as total from orders group by customer order by customer;
-- --8<-- [end:totals]
