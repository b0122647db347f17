create table orders as select * from (values (1, 'x', 10.5), (2, 'x', 4.5), (3, 'y', 7.0)) t(id, customer, amount);
