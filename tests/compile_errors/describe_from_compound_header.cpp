// Must compile: docs/types.md's compound example with only h5kit/compound.hpp and h5kit/file.hpp, so
// BOOST_DESCRIBE_STRUCT and BOOST_DESCRIBE_ENUM come from h5kit's headers.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <h5kit/compound.hpp>
#include <h5kit/file.hpp>

struct Point {
  double x, y, z;
};
BOOST_DESCRIBE_STRUCT(Point, (), (x, y, z))

enum class Kind : std::int16_t { star = 1, planet = 7 };
BOOST_DESCRIBE_ENUM(Kind, star, planet)

struct Body {
  std::string name;
  Point position;
  std::array<float, 3> velocity;
  Kind kind;
};
BOOST_DESCRIBE_STRUCT(Body, (), (name, position, velocity, kind))

void write(const h5kit::File& f) {
  f.create_dataset("bodies", std::vector<Body>{});
  f.attrs().set("origin", Point{0, 0, 0});
}
