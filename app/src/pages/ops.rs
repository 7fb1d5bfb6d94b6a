//! `/ops`: the operational part's home page (for now: who you are).

use leptos::prelude::*;

use crate::api::types::Part;
use crate::components::layout::PartLayout;
use leptos_meta::Title;

use crate::api::types::Me;

#[component]
pub fn OpsHome() -> impl IntoView {
    view! {
        <PartLayout part=Part::Ops>
            <Title text="Операционная часть — ИЗКТ" />
            <h1>"Операционная часть"</h1>
            <WhoAmI />
        </PartLayout>
    }
}

/// The signed-in user (provided by the guard).
#[component]
fn WhoAmI() -> impl IntoView {
    let me = use_context::<Me>();
    view! {
            {me.map(|me| view! {
                <section class="card">
                    <h2>{me.full_name.clone()}</h2>
                    <dl class="details">
                        <dt>"Организация"</dt>
                        <dd>{me.org_name.clone()}</dd>
                        <dt>"Логин"</dt>
                        <dd>{me.login.clone()}</dd>
                        <dt>"Роли"</dt>
                        <dd>
                            <ul class="plain">
                                {me.roles.iter().map(|r| view! { <li>{r.label()}</li> }).collect_view()}
                            </ul>
                        </dd>
                    </dl>
                    <p class="muted">"Работа с заявлениями появится в следующих версиях."</p>
                </section>
            })}
    }
}
