//! The classification methods checked end to end from CSV text: each test is
//! `check(csv, settings patch, method key, expected text)` (see `common/mod.rs` for the
//! format). The CSV goes through the project's own importer, the settings patch is merged
//! onto the defaults, and the expected text lists the class table and, per customer, its
//! class and reasons, as `Engine::explain` and `lookup::summary` give them. No test here
//! reads a method's own result struct, so they hold while the method internals move.
//! `UPDATE_EXPECT=1 cargo test -p tierwise-core --test methods` rewrites the expectations.
//!
//! These replace the hand-computed fixtures of the unit tests in `src/core/src/classify/`.
//! Mapping, new test → the original (`file.rs::test_name`):
//!
//! Replaced in full (the original can be deleted):
//! - abc::hand_computed_ten_customers → abc.rs::hand_computed_ten_customers
//! - abc::the_boundary_is_exclusive → abc.rs::the_boundary_is_exclusive
//! - abc::top_customer_is_always_a_and_prospects_unclassed →
//!   abc.rs::top_customer_is_always_a_and_prospects_unclassed
//! - tiers::hundred_customers_split_exactly → tiers.rs::hundred_customers_split_exactly
//! - tiers::fractional_cut_rounds_up → tiers.rs::fractional_cut_rounds_up
//! - tiers::tiny_dataset_still_has_a_top_customer → tiers.rs::tiny_dataset_still_has_a_top_customer
//! - tiers::sales_per_tier_add_up → tiers.rs::sales_per_tier_add_up
//! - tiers::fixture_by_profit_percentile → tiers.rs::fixture_by_profit_percentile
//! - tiers::fixture_by_sales_absolute → tiers.rs::fixture_by_sales_absolute
//! - tiers::score_measure_uses_the_score, tiers::score_measure_needs_the_score →
//!   tiers.rs::score_measure_uses_the_score_and_needs_it (the scores come from a loyalty-only
//!   score with the same order instead of being passed in; "needs it" on a table with no
//!   score criterion)
//! - tiers::profit_measure_without_profit_column_says_so →
//!   tiers.rs::profit_measure_without_profit_column_says_so
//! - deal::fixture_status_from_column_or_figures → deal.rs::fixture_status_from_column_or_figures
//! - potential::date_mode_without_reference_leaves_prospects_unclassed →
//!   potential.rs::date_mode_without_reference_leaves_prospects_unclassed
//! - value::fixture_by_hand_mgc_40, value::fixture_by_hand_mgc_50 → value.rs::fixture_by_hand
//! - value::needs_profit, value::an_explicit_growth_measure_needs_its_column →
//!   value.rs::needs_profit_and_an_explicit_growth_measure_needs_its_column
//! - value::wallet_gap_drives_mgc_when_there_is_no_growth →
//!   value.rs::wallet_gap_drives_mgc_when_there_is_no_growth
//! - wallet::missing_column_is_named → wallet.rs::missing_column_is_named
//! - score::min_coverage_unclasses_thin_customers →
//!   score.rs::min_coverage_unclasses_thin_customers
//! - score::no_criteria_at_all_is_missing → score.rs::no_criteria_at_all_is_missing
//! - pyramid::fixture_by_hand, pyramid::fixture_by_hand_value_classes → pyramid.rs::fixture_by_hand
//! - five_s::fixture_sort_flags_and_straighten, five_s::fixture_pinned_customer_is_kept →
//!   five_s.rs::fixture_sort_flags_and_straighten (flag and release counts are read off the
//!   per-customer lines; the dynamic-table rating is the composite of a customer not released)
//! - cross_sell::needs_a_product_column → cross_sell.rs::needs_a_product_column
//! - lookup::abc_table_by_hand, lookup::deal_table_by_hand →
//!   lookup.rs::abc_and_deal_tables_by_hand (shares are the printed sums divided; `class_of`,
//!   `in_class` and `class_by_key` are checked by the helper on every fixture)
//! - lookup::missing_columns_are_reported, lookup::missing_profit_is_not_zero →
//!   lookup.rs::missing_columns_are_reported_not_zero
//! - lookup::change_counts_the_customers_that_moved, lookup::no_change_moves_nobody →
//!   lookup.rs::change_counts_the_customers_that_moved
//!
//! Replaced in part (keep the original for what is listed after "keeps"):
//! - abc::returns_only_customer_is_c → abc.rs::returns_only_customer_is_c_and_curve_ends_at_one;
//!   keeps: the Pareto curve starting at (0, 0) and ending at (1, 1).
//! - abc::empty_dataset → abc.rs::empty_dataset; keeps: the curve of no customers, [(0, 0)].
//! - potential::fixture_auto_mode → potential.rs::fixture_auto_mode; keeps: the upcoming
//!   volume per class ([300, 200, 200, 200]).
//! - potential::missing_columns_are_named, potential::missing_columns_are_named_probability_mode
//!   → potential.rs::missing_columns_are_named; keeps: `Missing::message` in English and
//!   Chinese.
//! - wallet::fixture_median_split, wallet::fixture_absolute_volume_line →
//!   wallet.rs::fixture_median_split; keeps: the upcoming volume per quadrant
//!   ([800, 400, 100, 200]).
//! - score::fixture_min_max_by_hand → score.rs::fixture_min_max_by_hand; keeps: the weights
//!   in use ([40, 30, 10, 20, 0, 0, 0]; only their coverage per customer shows here) and
//!   d's breakdown weights and points (200/9 for profit, summing to 100 and to the score).
//! - score::fixture_percent_rank → score.rs::fixture_percent_rank; keeps: the weights in use
//!   ([25, 25, 25, 25, 0, 0, 0]).
//! - risk::fixture_flags → risk.rs::fixture_flags_and_both_ends; keeps: both ends (`biggest`
//!   [a, b], `riskiest` [b, d] with top 2), the flags not watched ([Failing]) and the
//!   comparison with the per-customer rules.
//! - crosstab::fixture_abc_rows, crosstab::fixture_missing_dimension_is_named →
//!   crosstab.rs::fixture_abc_by_region_and_attitude; keeps: the two grids (rows, columns,
//!   counts, sales, profit per cell).
//!
//! New, no original: abc::joined_master_and_log_give_the_same_classes (the master + log
//! input), and the helper's own tests in `common/mod.rs`.
//!
//! Not moved (they stay where they are):
//! - readiness.rs::fixture_small_flat_base_is_not_ready,
//!   readiness.rs::fixture_large_concentrated_repeat_base_is_ready,
//!   readiness.rs::one_time_buyers_mean_grade_opportunities: the readiness check is a verdict
//!   on the whole dataset, with no per-customer class or explanation to show;
//! - staffing.rs::fixture_plan_by_hand: the staffing plan is not a class (its ABC classes are
//!   those of abc::hand_computed_ten_customers);
//! - cross_sell.rs::fixture_support_lift_and_suggestions: support, lift and suggestions are
//!   not in `Engine::explain` (it needs a product column, so a log; the input supports one);
//! - five_s.rs::snapshot_diff_by_hand: saved reviews and their diff;
//! - lookup.rs::tables_partition_the_sample_like_dataset: an invariant over generated data,
//!   which `check` also asserts on every fixture;
//! - internal helpers and property-style comparisons: five_s.rs::sorted_flags_equal_the_per_customer_rules,
//!   readiness.rs::the_prepared_figures_are_the_ones_read_from_the_records,
//!   readiness.rs::gini_by_hand, wallet.rs::percentile_interpolates,
//!   staffing.rs::ceiling_is_robust_to_float_noise.

mod common;

#[path = "methods/abc.rs"]
mod abc;
#[path = "methods/cross_sell.rs"]
mod cross_sell;
#[path = "methods/crosstab.rs"]
mod crosstab;
#[path = "methods/deal.rs"]
mod deal;
#[path = "methods/five_s.rs"]
mod five_s;
#[path = "methods/lookup.rs"]
mod lookup;
#[path = "methods/potential.rs"]
mod potential;
#[path = "methods/pyramid.rs"]
mod pyramid;
#[path = "methods/risk.rs"]
mod risk;
#[path = "methods/score.rs"]
mod score;
#[path = "methods/tiers.rs"]
mod tiers;
#[path = "methods/value.rs"]
mod value;
#[path = "methods/wallet.rs"]
mod wallet;
