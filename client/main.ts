import './elements/escucha-app.js';
