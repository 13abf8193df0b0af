-- Tierwise: a transaction log rolled up into Tierwise's customer table, in Spark SQL (3.x).
--
-- The same SELECT as sql/rollup.duckdb.sql, in Spark's dialect: read that file's header for
-- the definitions, the input table `orders` and the output columns; only the parameter and
-- the date functions differ. Wrap it as you need:
--   CREATE TABLE tierwise_customers USING parquet AS <this file>;
--   spark.sql(<this file>).coalesce(1).write.option("header", True).csv("customers")
--
-- INPUT: a table or temp view named `orders` with the columns customer_id, order_date,
-- amount, profit, cost, product, due_date, paid_date, status (NULL for those your data lacks,
-- e.g. `CAST(NULL AS DATE) AS due_date`; money as DECIMAL(18,2)).
--
-- PARAMETER: `${as_of}` is substituted by Spark before parsing (spark.sql.variable.substitute,
-- on by default), from the session configuration:
--   SET as_of = DATE'2025-12-31';          -- spark-sql, or spark.conf.set("as_of", "DATE'2025-12-31'")
--   SET as_of = NULL;                      -- the newest order or payment date, as in the app
-- It must be set: an unset ${as_of} is left as it is and fails to parse. Instead of a
-- substitution, a one-row temp view works too: replace CAST(${as_of} AS DATE) below with
-- (SELECT as_of FROM tierwise_as_of).
--
-- OTHER ENGINES: see the header of sql/rollup.duckdb.sql (PostgreSQL, Snowflake, BigQuery,
-- ClickHouse). Databricks SQL runs this file as it is.
WITH
valid AS (
    SELECT
        trim(CAST(customer_id AS STRING)) AS customer_id,
        CAST(order_date AS DATE) AS order_date,
        amount,
        coalesce(profit, amount - cost) AS row_profit,
        CAST(due_date AS DATE) AS due_date,
        CAST(paid_date AS DATE) AS paid_date
    FROM orders
    WHERE customer_id IS NOT NULL
      AND trim(CAST(customer_id AS STRING)) <> ''
      AND order_date IS NOT NULL
      AND amount IS NOT NULL
      AND NOT coalesce(
          lower(trim(status)) RLIKE 'cancel|void|取消|作废|撤销|anulad|cancelad',
          false)
),
params AS (
    SELECT coalesce(
        CAST(${as_of} AS DATE),
        (SELECT greatest(max(order_date), max(paid_date)) FROM valid)
    ) AS as_of
),
windows AS (
    SELECT
        as_of,
        add_months(as_of, -12) AS y1,
        add_months(as_of, -24) AS y2
    FROM params
),
per_customer AS (
    SELECT
        v.customer_id,
        max(w.as_of) AS as_of,
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
        sum(greatest(datediff(v.paid_date, v.due_date), 0))
            FILTER (WHERE v.due_date IS NOT NULL AND v.paid_date IS NOT NULL) AS late_days,
        count(*) FILTER (WHERE datediff(v.paid_date, v.due_date) <= 0) AS on_time,
        coalesce(sum(v.amount)
            FILTER (WHERE v.paid_date IS NULL AND v.due_date < w.as_of), 0) AS overdue_amount,
        coalesce(max(datediff(w.as_of, v.due_date))
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
        THEN format_string('%.10f%%', (CAST(sales_last12 AS DOUBLE) / CAST(sales_prev12 AS DOUBLE) - 1) * 100)
    END AS growth,
    datediff(as_of, last_order) AS recency_days,
    sales_last12,
    sales_prev12
FROM per_customer
ORDER BY customer_id
