// A login card's QR code opens /pupil/login/#class=ABC234&code=XYZ789. The part after
// '#' never reaches the server; copy it into the form, then forget it.
const form = document.querySelector("[data-pupil-login]");
if (form && window.location.hash.length > 1) {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const classCode = params.get("class");
  const pupilCode = params.get("code");
  if (classCode) form.querySelector("[name=class_code]").value = classCode;
  if (pupilCode) form.querySelector("[name=pupil_code]").value = pupilCode;
  history.replaceState(null, "", window.location.pathname);
  form.querySelector("button[type=submit]").focus();
}
