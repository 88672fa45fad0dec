/* global location */
// The status page's old address: go to its new one, keeping the fragment.
location.replace('/status.html' + location.hash);
