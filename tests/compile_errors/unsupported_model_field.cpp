// Must NOT compile: a model with a field h5kit cannot store. The compiler's output must be one error
// naming the model (Run), the field (&Run::lookup) and its type (std::map<int, int>), and listing what
// a model member can be; compile_errors_test.cpp checks.
#include <map>

#include <h5kit/file.hpp>
#include <h5kit/model.hpp>

struct Run {
  int id;
  std::map<int, int> lookup;
};
BOOST_DESCRIBE_STRUCT(Run, (), (id, lookup))

void write(const h5kit::File& file) { h5kit::dump(Run{}, file); }
