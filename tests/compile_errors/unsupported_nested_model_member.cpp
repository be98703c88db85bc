// Must NOT compile: a nested model (inside a list of models) with a member h5kit cannot store, an
// std::optional<std::set<int>>. The compiler must say so in one error that names the model (Shot),
// the member (&Shot::tags) and its C++ type, and lists what a model member can be;
// compile_errors_test.cpp checks the text and that there is exactly one error.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <h5kit/model.hpp>

struct Shot {
  double energy = 0;
  std::optional<std::set<int>> tags;
};
BOOST_DESCRIBE_STRUCT(Shot, (), (energy, tags))

struct Campaign {
  std::string name;
  std::vector<Shot> shots;
};
BOOST_DESCRIBE_STRUCT(Campaign, (), (name, shots))

void write(const h5kit::File& file) {
  h5kit::dump(Campaign{}, file);
  (void)h5kit::load<Campaign>(file);
  (void)h5kit::validate(Campaign{});
}
