// Warns staff while they type words that suggest health or other sensitive data, beside the
// field; the server checks the same list (agir/quality/sensitive.py) when the form is sent.
(function () {
  "use strict";
  // STEMS-START
  var STEMS = ["malade", "maladie", "hopital", "hospitalis", "handicap", "fauteuil roulant", "enceinte", "grossesse", "cancer", "chimio", "depression", "psychiatr", "medecin", "medicament", "diabete", "vih", "sida", "dialyse", "alzheimer", "invalidite", "asthme", "allergi", "infirmier", "infirmiere", "covid", "handicape", "religion", "musulman", "juif", "chretien", "orientation sexuelle", "homosexuel", "syndicat", "syndique", "casier judiciaire", "condamne", "prison", "incarcer"];
  // STEMS-END
  function plain(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }
  function found(text) {
    var value = plain(text);
    return STEMS.filter(function (stem) {
      var at = value.indexOf(stem);
      while (at !== -1) {
        if (at === 0 || !/[a-z0-9]/.test(value.charAt(at - 1))) { return true; }
        at = value.indexOf(stem, at + 1);
      }
      return false;
    });
  }
  function check(field) {
    var note = field.nextElementSibling;
    if (!note || !note.classList.contains("sensitive-warning")) {
      note = document.createElement("p");
      note.className = "sensitive-warning";
      note.setAttribute("role", "status");
      note.hidden = true;
      field.insertAdjacentElement("afterend", note);
    }
    var words = found(field.value);
    note.hidden = words.length === 0;
    note.textContent = words.length ? (document.documentElement.lang === "en"
      ? "This text seems to mention health or other sensitive data (" + words.join(", ") + "). Write only what the repair needs."
      : "Ce texte semble parler de santé ou d'une autre donnée sensible (" + words.join(", ") + "). N'écrivez que ce qui est nécessaire à la réparation.") : "";
  }
  document.addEventListener("input", function (event) {
    var field = event.target;
    if (field.matches && field.matches("main form textarea, main form input[type=text]")) {
      check(field);
    }
  });
})();
