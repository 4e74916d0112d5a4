// std::visit over several lambdas: `std::visit(Overloaded{[](const A&) {...}, [](const B&) {...}}, v)`.
#pragma once

namespace drydock {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};

}  // namespace drydock
