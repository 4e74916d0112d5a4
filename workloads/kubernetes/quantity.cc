#include "workloads/kubernetes/quantity.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <stdexcept>

namespace drydock::kube {

double parse_quantity(const std::string& text) {
  const auto bad = [&] {
    return std::invalid_argument("expected a Kubernetes quantity such as 500m, 2, 128Mi or 1e9, got '" + text + "'");
  };
  // The number: optional sign, digits, optional fraction (no exponent here: "E" alone is exa).
  std::size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  const std::size_t digits_from = i;
  while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.')) ++i;
  if (i == digits_from) throw bad();
  const std::string number = text.substr(0, i);
  char* end = nullptr;
  const double value = std::strtod(number.c_str(), &end);
  if (end != number.c_str() + number.size()) throw bad();
  const std::string suffix = text.substr(i);
  struct Suffix {
    const char* name;
    double factor;
  };
  static const Suffix kSuffixes[] = {
      {"", 1},        {"n", 1e-9},     {"u", 1e-6},     {"m", 1e-3},     {"k", 1e3},     {"M", 1e6},
      {"G", 1e9},     {"T", 1e12},     {"P", 1e15},     {"E", 1e18},     {"Ki", 1024.0}, {"Mi", 1048576.0},
      {"Gi", 1073741824.0}, {"Ti", 1099511627776.0}, {"Pi", 1125899906842624.0}, {"Ei", 1152921504606846976.0}};
  for (const auto& s : kSuffixes)
    if (suffix == s.name) return value * s.factor;
  // A decimal exponent: "1e3", "5E-2".
  if (suffix.size() >= 2 && (suffix[0] == 'e' || suffix[0] == 'E')) {
    std::size_t k = 1;
    if (suffix[k] == '+' || suffix[k] == '-') ++k;
    if (k < suffix.size() && suffix.find_first_not_of("0123456789", k) == std::string::npos) {
      const int exponent = std::atoi(suffix.c_str() + 1);
      if (exponent > 30 || exponent < -30) throw bad();
      return value * std::pow(10.0, exponent);
    }
  }
  throw bad();
}

}  // namespace drydock::kube
