// Messages from the layers below are worded for the command line ("pass
// --append to add rows"); in the window the same advice names the control
// that does it ("choose Mode: append"). Internal to workbench/ui.
#pragma once
#include <string>
#include <string_view>
#include <utility>

namespace gb::ui {

inline std::string for_the_window(std::string message) {
  static constexpr std::pair<std::string_view, std::string_view> kWords[] = {
      {"pass --append to add rows or --replace to overwrite it",
       "choose Mode: append to add rows, or Mode: replace to overwrite it"},
      {"use --append to add rows", "choose Mode: append to add rows"},
      {"so --replace will not drop it", "so Mode: replace will not drop it"},
      {"use --append or another", "choose Mode: append or another"},
      {"install it with --allow-unsigned", "tick Allow unsigned to install it"},
      {"--allow-unsigned", "Allow unsigned"},
      {"--append", "Mode: append"},
      {"--replace", "Mode: replace"},
  };
  for (const auto& [cli, window] : kWords)
    for (std::size_t at = message.find(cli); at != std::string::npos; at = message.find(cli, at + window.size()))
      message.replace(at, cli.size(), window);
  return message;
}

}  // namespace gb::ui
