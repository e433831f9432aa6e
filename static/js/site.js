// Small enhancements only; every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.dataset.copy);
    if (!source || !navigator.clipboard) return;
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent.trim()).then(function () {
        button.textContent = "已复制";
        setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
  });
  // Arriving from a search: bring the first marked word into view.
  var firstMark = document.querySelector(".article mark");
  if (firstMark) firstMark.scrollIntoView({block: "center"});
  // Related articles cost a search, so the article page only links their page; once the
  // article is shown, that page's list takes the link's place (or the section goes, when
  // nothing was found). On any failure the link stays.
  document.querySelectorAll("section[data-fetch]").forEach(function (section) {
    fetch(section.dataset.fetch).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.text();
    }).then(function (html) {
      var found = new DOMParser().parseFromString(html, "text/html").querySelector("section.related");
      if (found && found.querySelector("li")) section.replaceWith(document.adoptNode(found));
      else if (found) section.remove();
    }).catch(function () {});
  });
  // Changing the sort or a date re-runs the search at once.
  document.querySelectorAll(".search-options select").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
});
