#include "h5kit/model/problems.hpp"

namespace h5kit {

std::string Problem::to_string() const {
  std::string s = path.empty() ? std::string("/") : path;
  s += ": ";
  if (!field.empty()) s += field + " ";
  s += message;
  return s;
}

namespace {
std::string list_problems(const std::vector<Problem>& problems) {
  std::string s = std::to_string(problems.size()) + (problems.size() == 1 ? " problem" : " problems");
  for (const Problem& p : problems) {
    s += "\n  " + p.to_string();
    if (!p.model_path.empty()) s += " [" + p.model_path + "]";
  }
  return s;
}
}  // namespace

ValidationError::ValidationError(std::string operation, std::string file, std::vector<Problem> problems)
    : Error(ErrorKind::validation, std::move(operation), std::move(file), "", list_problems(problems)),
      problems_(std::move(problems)) {}

}  // namespace h5kit
