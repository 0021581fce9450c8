// The product gallery works without this file (CSS :target shows the chosen photo); it only keeps
// aria-current on the thumbnail of the photo shown, so a screen reader says which one is chosen.
(function () {
  var links = document.querySelectorAll(".product-gallery .gallery a[href^='#photo-']");
  if (!links.length) return;
  function mark() {
    var shown = document.querySelector(".gallery-photo:target") ? location.hash : links[0].getAttribute("href");
    links.forEach(function (link) {
      if (link.getAttribute("href") === shown) link.setAttribute("aria-current", "true");
      else link.removeAttribute("aria-current");
    });
  }
  window.addEventListener("hashchange", mark);
  mark();
})();
