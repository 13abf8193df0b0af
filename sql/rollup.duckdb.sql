-- Tierwise: a transaction log rolled up into Tierwise's customer table, in DuckDB.
--
-- One SELECT, one row per customer, with the definitions of the app's roll-up
-- (src/core/src/import/rollup.rs), so that a customer lands in the same class whether the log
-- was dropped into the app or rolled up here. Wrap it as you need:
--   COPY (<this file>) TO 'customers.csv' (HEADER);    -- then open customers.csv in Tierwise
--   CREATE TABLE tierwise_customers AS <this file>;
--
-- INPUT: a table or view named `orders`, one row per order or invoice:
--   customer_id  VARCHAR  required; trimmed, blank ids are left out
--   order_date   DATE     required; rows without one are left out (the app rejects them)
--   amount       DECIMAL  required; negative amounts are returns, netted in sales
--   profit       DECIMAL  or NULL: the row's profit; else amount - cost
--   cost         DECIMAL  or NULL
--   product      VARCHAR  or NULL (not used here: cross-selling needs the log itself)
--   due_date     DATE     or NULL
--   paid_date    DATE     or NULL (NULL with a due date: unpaid)
--   status       VARCHAR  or NULL: a status containing cancel, void, 取消, 作废, 撤销, anulad or
--                         cancelad (any case) leaves the order out, as the app does
-- Every column must exist; give the ones your data lacks as NULL, e.g.
--   CREATE VIEW orders AS SELECT cust AS customer_id, CAST(day AS DATE) AS order_date,
--     CAST(total AS DECIMAL(18,2)) AS amount, NULL::DECIMAL(18,2) AS profit,
--     NULL::DECIMAL(18,2) AS cost, NULL AS product, NULL::DATE AS due_date,
--     NULL::DATE AS paid_date, NULL AS status FROM erp.invoices;
-- Money as DECIMAL(18,2) (the app reads two-decimal amounts as whole cents) keeps the sums
-- exact; the app adds the same cents as floating point, which may differ in the 13th
-- significant digit, far below a cent.
--
-- PARAMETER: the as-of date, the day the figures are taken on:
--   SET VARIABLE as_of = DATE '2025-12-31';
-- Orders dated after it are left out; recency, the two 12-month windows of growth and the
-- overdue days count from it. Unset (or NULL), it is the newest order or payment date, as in
-- the app. `tierwise classify --as-of` does the same to a log file.
--
-- OUTPUT: columns the app recognises when the result is opened as a customer table:
--   customer_id, sales, profit, orders, first_order, last_order, avg_days_late,
--   on_time_share, overdue_amount, overdue_days, growth (text with a % sign: the app reads
--   a bare number above 5 as a percentage), and, for reference (the app does not read them
--   from a customer table), recency_days, sales_last12, sales_prev12.
--   A figure the data cannot give is NULL, never 0: profit when some order has neither
--   profit nor cost; payment figures without due dates; growth without sales in the 12
--   months before the last 12.
--
-- OTHER ENGINES: the SELECT is standard SQL but for these, per engine:
--   PostgreSQL: replace getvariable('as_of') with a literal or a psql variable (:'as_of')::date;
--     `date - date` is already days; `d - INTERVAL '12 months'` as here (cast to date);
--     printf(...) becomes to_char(x, 'FM9999999990.0000000000') || '%';
--     regexp_matches(lower(s), p) becomes lower(s) ~ p.
--   Snowflake: SET as_of = '2025-12-31'::DATE; use $as_of; DATEADD(month, -12, $as_of);
--     DATEDIFF(day, a, b) for b - a; COUNT_IF / IFF, or keep the FILTER-free CASE form;
--     REGEXP_LIKE(LOWER(s), '.*(cancel|void|...).*'); TO_VARCHAR(x, '...') || '%'.
--   BigQuery: DECLARE as_of DATE DEFAULT '2025-12-31'; then `as_of`; DATE_SUB(as_of,
--     INTERVAL 12 MONTH); DATE_DIFF(b, a, DAY); COUNTIF(...); SUM(IF(...)) for FILTER;
--     REGEXP_CONTAINS(LOWER(s), r'...'); FORMAT('%.10f%%', x); NUMERIC for DECIMAL.
--   ClickHouse: a query parameter {as_of:Date}; subtractMonths(as_of, 12);
--     dateDiff('day', a, b); sumIf / countIf / maxIf for FILTER; match(lower(s), '...');
--     concat(toString(round(x, 10)), '%'); Decimal(18, 2).
--   Every engine: subtracting 12 months must clamp to the month's end (2024-02-29 minus 12
--   months is 2023-02-28), as all of the above do.
WITH
valid AS (
    SELECT
        trim(CAST(customer_id AS VARCHAR)) AS customer_id,
        CAST(order_date AS DATE) AS order_date,
        amount,
        coalesce(profit, amount - cost) AS row_profit,
        CAST(due_date AS DATE) AS due_date,
        CAST(paid_date AS DATE) AS paid_date
    FROM orders
    WHERE customer_id IS NOT NULL
      AND trim(CAST(customer_id AS VARCHAR)) <> ''
      AND order_date IS NOT NULL
      AND amount IS NOT NULL
      AND NOT coalesce(
          regexp_matches(lower(trim(status)), 'cancel|void|取消|作废|撤销|anulad|cancelad'),
          false)
),
params AS (
    SELECT coalesce(
        CAST(getvariable('as_of') AS DATE),
        (SELECT greatest(max(order_date), max(paid_date)) FROM valid)
    ) AS as_of
),
windows AS (
    SELECT
        as_of,
        CAST(as_of - INTERVAL 12 MONTH AS DATE) AS y1,
        CAST(as_of - INTERVAL 24 MONTH AS DATE) AS y2
    FROM params
),
per_customer AS (
    SELECT
        v.customer_id,
        any_value(w.as_of) AS as_of,
        sum(v.amount) AS sales,
        CASE WHEN count(v.row_profit) = count(*) THEN sum(v.row_profit) END AS profit,
        -- An order worth 0 is an order; a negative row is a return (netted, not counted).
        count(*) FILTER (WHERE v.amount >= 0) AS orders,
        min(v.order_date) AS first_order,
        max(v.order_date) AS last_order,
        coalesce(sum(v.amount) FILTER (WHERE v.order_date > w.y1), 0) AS sales_last12,
        coalesce(sum(v.amount) FILTER (WHERE v.order_date > w.y2 AND v.order_date <= w.y1), 0)
            AS sales_prev12,
        count(v.due_date) AS with_due,
        count(*) FILTER (WHERE v.due_date IS NOT NULL AND v.paid_date IS NOT NULL) AS settled,
        sum(greatest(v.paid_date - v.due_date, 0))
            FILTER (WHERE v.due_date IS NOT NULL AND v.paid_date IS NOT NULL) AS late_days,
        count(*) FILTER (WHERE v.paid_date - v.due_date <= 0) AS on_time,
        coalesce(sum(v.amount)
            FILTER (WHERE v.paid_date IS NULL AND v.due_date < w.as_of), 0) AS overdue_amount,
        coalesce(max(w.as_of - v.due_date)
            FILTER (WHERE v.paid_date IS NULL AND v.due_date < w.as_of), 0) AS overdue_days
    FROM valid AS v, windows AS w
    WHERE v.order_date <= w.as_of
    GROUP BY v.customer_id
)
SELECT
    customer_id,
    sales,
    profit,
    orders,
    first_order,
    last_order,
    CAST(late_days AS DOUBLE) / nullif(settled, 0) AS avg_days_late,
    CAST(on_time AS DOUBLE) / nullif(settled, 0) AS on_time_share,
    CASE WHEN with_due > 0 THEN overdue_amount END AS overdue_amount,
    CASE WHEN with_due > 0 THEN overdue_days END AS overdue_days,
    CASE WHEN sales_prev12 > 0
        THEN printf('%.10f%%', (CAST(sales_last12 AS DOUBLE) / CAST(sales_prev12 AS DOUBLE) - 1) * 100)
    END AS growth,
    as_of - last_order AS recency_days,
    sales_last12,
    sales_prev12
FROM per_customer
ORDER BY customer_id
