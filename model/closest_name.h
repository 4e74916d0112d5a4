// "Did you mean": the known name closest to a mistyped one, for error messages (policies, subcommands,
// options). Closeness is the edit distance (insert, delete, substitute, swap of neighbours); a name
// is only suggested when it is near enough to be a plausible typo, so a wild guess gets no advice.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

namespace drydock {

// Optimal-string-alignment distance: Levenshtein plus the transposition of two adjacent characters.
inline std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i)
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

// The candidate nearest to `word` when it is within a third of the word's length (at least 1, at
// most 3 edits), or a candidate that starts with `word` (an abbreviation); "" when none is.
inline std::string closest_name(const std::string& word, const std::vector<std::string>& candidates) {
  const std::size_t limit = std::clamp<std::size_t>(word.size() / 3, 1, 3);
  std::string best;
  std::size_t best_distance = limit + 1;
  for (const auto& c : candidates) {
    const std::size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best = c;
      best_distance = d;
    }
  }
  if (!best.empty() || word.size() < 3) return best;
  for (const auto& c : candidates)
    if (c.rfind(word, 0) == 0) return c;
  return "";
}

// " (did you mean 'x'?)" or "".
inline std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
  const std::string c = closest_name(word, candidates);
  return c.empty() ? "" : " (did you mean '" + c + "'?)";
}

}  // namespace drydock
