// The UI's entry: the theme is set before the first paint, then the app mounts and connects to the host.

import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { initialTheme } from './stores/lab-store.ts';
import './styles/base.css';

document.documentElement.dataset.theme = initialTheme();
createApp(App).use(createPinia()).mount('#app');
