select customer, sum(amount) as total from orders group by customer order by customer;
