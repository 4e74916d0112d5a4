// The comparison in plain language, generated from the numbers (never written by hand): what each
// policy gains and what it costs against the baseline, and who wins which headline metric. Reports
// open with these sentences; the tables below them are the evidence.
#pragma once

#include <string>
#include <vector>

#include "analysis/comparison.h"

namespace drydock {

// One paragraph: "spread against binpack (10 seeds): gains ...; costs ...; no practical difference on
// N other headline metrics." Only Holm-corrected verdicts of the headline metrics are told.
std::string tradeoff_paragraph(const GroupComparison& g, const std::string& policy);

// One line per headline metric on which the policies differ practically: the best policy (or the
// tied best policies) with its mean.
std::vector<std::string> winners_by_metric(const GroupComparison& g);

// One sentence on the Pareto front: which policies no other beats on every metric, and that picking
// among them is a trade-off.
std::string pareto_sentence(const GroupComparison& g);

// "1.25e+04" is no way to print a count: integers print as integers ("12,480"), others with up to
// 4 significant digits.
std::string readable_number(double value);

}  // namespace drydock
