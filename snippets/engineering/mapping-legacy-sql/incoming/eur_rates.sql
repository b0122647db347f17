-- Proposed for the nightly folder. Like most legacy T-SQL, no statement ends in ';'.
SELECT rate_date, rate
INTO staging.eur_rates
FROM ref.fx_rates
UPDATE d
SET d.revenue_eur = d.revenue * r.rate
FROM mart.revenue_daily AS d
JOIN staging.eur_rates AS r ON r.rate_date = d.order_date
