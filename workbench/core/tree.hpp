// Tree: a JSON-shaped value (null, boolean, number, string, array, object
// with ordered keys). What packs return (indicator results, view trees)
// crosses from Lua into C++ as a Tree, so the rest of the program never
// touches a Lua state.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace gb {

class Tree {
 public:
  using Array = std::vector<Tree>;
  using Object = std::vector<std::pair<std::string, Tree>>;  // in insertion order

  Tree() = default;  // null
  Tree(std::nullptr_t) {}
  Tree(bool b) : v_(b) {}
  Tree(double d) : v_(d) {}
  Tree(int i) : v_(static_cast<double>(i)) {}
  Tree(std::int64_t i) : v_(static_cast<double>(i)) {}
  Tree(const char* s) : v_(std::string(s)) {}
  Tree(std::string s) : v_(std::move(s)) {}
  static Tree array() {
    Tree t;
    t.v_ = Array{};
    return t;
  }
  static Tree object() {
    Tree t;
    t.v_ = Object{};
    return t;
  }

  bool is_null() const { return std::holds_alternative<std::monostate>(v_); }
  bool is_bool() const { return std::holds_alternative<bool>(v_); }
  bool is_number() const { return std::holds_alternative<double>(v_); }
  bool is_string() const { return std::holds_alternative<std::string>(v_); }
  bool is_array() const { return std::holds_alternative<Array>(v_); }
  bool is_object() const { return std::holds_alternative<Object>(v_); }

  bool as_bool() const { return std::get<bool>(v_); }
  double as_number() const { return std::get<double>(v_); }
  const std::string& as_string() const { return std::get<std::string>(v_); }
  const Array& as_array() const { return std::get<Array>(v_); }
  Array& as_array() { return std::get<Array>(v_); }
  const Object& as_object() const { return std::get<Object>(v_); }
  Object& as_object() { return std::get<Object>(v_); }

  // Object access: nullptr when absent or not an object.
  const Tree* find(std::string_view key) const;
  Tree& set(std::string key, Tree value);  // object only
  Tree& push(Tree value);                  // array only
  std::size_t size() const;

  const char* type_name() const;
  std::string to_json(bool pretty = false) const;

  friend bool operator==(const Tree& a, const Tree& b) { return a.v_ == b.v_; }

 private:
  std::variant<std::monostate, bool, double, std::string, Array, Object> v_;
};

}  // namespace gb
