// Stripe Payment Element: the card form is Stripe's; the server learns the result from Stripe (webhook or
// its own retrieve when the buyer comes back to return_url), never from this page.
(function () {
  "use strict";
  var form = document.getElementById("payment-form");
  if (!form || typeof Stripe === "undefined") { return; }
  var message = document.getElementById("payment-message");
  var button = document.getElementById("submit-payment");
  var stripe = Stripe(form.dataset.publishableKey);
  var elements = stripe.elements({ clientSecret: form.dataset.clientSecret });
  var paymentElement = elements.create("payment");
  paymentElement.mount("#payment-element");

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    button.disabled = true;
    message.hidden = true;
    stripe.confirmPayment({
      elements: elements,
      confirmParams: { return_url: form.dataset.returnUrl }
    }).then(function (result) {
      // Only reached when Stripe could not redirect: show its message and let the buyer try again.
      if (result && result.error) {
        message.textContent = result.error.message;
        message.hidden = false;
      }
      button.disabled = false;
    });
  });
})();
