/* Shows this server's own address in the embed snippet of the page at `/`. */
(function () {
  'use strict';
  var nodes = document.querySelectorAll('[data-origin]');
  for (var i = 0; i < nodes.length; i++) nodes[i].textContent = window.location.origin;
})();
