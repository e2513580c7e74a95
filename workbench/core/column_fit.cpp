#include "core/column_fit.hpp"

#include <algorithm>
#include <cmath>

namespace gb {

std::vector<double> fit_columns(std::vector<double> natural, std::vector<double> minimum, double available) {
  const std::size_t n = natural.size();
  minimum.resize(n, 1.0);
  auto sane = [](double v) { return std::isfinite(v) && v > 0 ? v : 1.0; };
  double sum = 0, least = 0;
  for (std::size_t k = 0; k < n; ++k) {
    natural[k] = sane(natural[k]);
    minimum[k] = std::min(sane(minimum[k]), natural[k]);
    sum += natural[k];
    least += minimum[k];
  }
  if (n == 0 || !std::isfinite(available) || available <= 0) return natural;
  std::vector<double> w = natural;
  if (sum <= available) {
    for (double& v : w) v += (available - sum) * v / sum;
  } else if (least <= available) {
    const double give = sum - least, excess = sum - available;  // give >= excess > 0
    for (std::size_t k = 0; k < n; ++k) w[k] = natural[k] - (natural[k] - minimum[k]) * excess / give;
  } else {
    for (std::size_t k = 0; k < n; ++k) w[k] = minimum[k] * available / least;
  }
  return w;
}

}  // namespace gb
